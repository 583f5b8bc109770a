package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.rest.server.ApiErrors;
import org.netservof.rest.server.Needs;
import org.netservof.rest.server.Scope;

/**
 * {@code GET /netserv/v1/store/backup}: a consistent copy of the embedded store, taken while the controller
 * runs, sent as the response body. Admin only: the store holds every user's intent. The copy is written to a
 * private temporary directory first (the store's own backup), sent, and deleted; nothing is written where the
 * caller could name it.
 */
@Path("/netserv/v1/store")
public final class StoreResource {
  private final StoreAdminService store;
  private final Clock clock;

  public StoreResource(StoreAdminService store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @GET
  @Path("/backup")
  @Needs(Scope.ADMIN)
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  @Doc("A consistent copy of the embedded store while the controller runs (restore: stop the controller and "
      + "put it in place of store-path/intent.mv.db)")
  public Response backup() throws IOException {
    java.nio.file.Path dir = Files.createTempDirectory("netserv-backup");
    java.nio.file.Path copy = dir.resolve("intent.mv.db");
    try {
      store.backup(copy);
    } catch (IOException e) {
      deleteQuietly(dir);
      return ApiErrors.respond(409, "no backup: " + e.getMessage(), null);
    }
    StreamingOutput body = out -> {
      try {
        Files.copy(copy, out);
      } finally {
        deleteQuietly(dir);
      }
    };
    String name = "intent-" + DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS))
        .replace(":", "") + ".mv.db";
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Content-Length", Files.size(copy)).build();
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    try (var files = Files.list(dir)) {
      for (java.nio.file.Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is no reason to fail the download; the OS cleans /tmp.
    }
  }
}
