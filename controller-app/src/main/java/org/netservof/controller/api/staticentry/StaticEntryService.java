package org.netservof.controller.api.staticentry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/** The static entries: queries. Thread-safe; never blocks. */
public interface StaticEntryService {

  Optional<StaticEntry> get(String name);

  /** The entries by switch (sorted by DPID, then name), of one switch or of all. */
  Map<DatapathId, List<StaticEntry>> list(Optional<DatapathId> dpid);
}
