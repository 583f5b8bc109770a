package org.netservof.controller.api.staticentry;

import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Changes to the static entries. Each change is written to the switch with a barrier and kept only once the
 * switch confirmed it, so a refused change leaves the switch and the entries as they were. Changes are
 * serialised and wait for the switch (a bounded time): call them from a worker thread, never from a switch's
 * I/O thread or a listener.
 */
public interface StaticEntryAdminService {

  /**
   * Adds an entry, or replaces the entry of the same name (which may move to another switch). A replaced
   * entry's old version is removed from its switch only after the new one is in.
   *
   * @throws UnknownSwitchException its switch is not connected; nothing changed
   * @throws Exception the switch refused ({@code OFErrorException}) or did not answer in time
   *     ({@code TimeoutException}); nothing changed
   */
  void push(StaticEntry entry) throws Exception;

  /**
   * Removes an entry from its switch (when connected) and from the entries.
   *
   * @return false when there is no entry of that name
   * @throws Exception the switch refused the removal or did not answer; the entry stays
   */
  boolean remove(String name) throws Exception;

  /**
   * Removes every entry, or every entry of one switch: flows first, then groups (a flow may use a group).
   *
   * @return how many entries were removed
   * @throws Exception a switch refused a removal or did not answer; the entries not yet removed stay
   */
  int clear(Optional<DatapathId> dpid) throws Exception;
}
