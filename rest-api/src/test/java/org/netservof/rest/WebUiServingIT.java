package org.netservof.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.launcher.Controller;
import org.netservof.rest.server.RestModule;

/**
 * The web view's files at /ui/ from a running controller, over a plain socket (so request paths go out exactly
 * as written, never normalised by a client): each with its content type and no-sniff, /ui redirected to /ui/,
 * unknown names, folders and every spelling of a way out of the folder 404 without serving anything, and the
 * page itself needs no token even where reads do (it asks for one when the API answers 401).
 */
class WebUiServingIT {
  @TempDir
  Path dir;

  private Controller start() throws Exception {
    Path tokenFile = dir.resolve("ann.token");
    Files.writeString(tokenFile, "ann-token-0123456789abcdef\n");
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [rest]\n"
        + "store-path: " + dir.resolve("store") + "\nrest-reads-need-token: true\n"
        + "rest-tokens:\n  - name: ann\n    token-file: " + tokenFile + "\n");
    return Controller.start(Optional.of(config), Map.of());
  }

  /** A response as read off the socket: status line, headers (lower-case names) and body. */
  private record Answer(int status, Map<String, String> headers, String body) {}

  private static Answer request(int port, String method, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String[] head = raw.substring(0, end).split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        headers.put(head[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
            head[i].substring(colon + 1).strip());
      }
      return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
    }
  }

  @Test
  void theFilesAreServedWithTheirTypesAndNothingElseIs() throws Exception {
    try (Controller c = start()) {
      int port = c.module(RestModule.class).orElseThrow().address().getPort();
      Answer redirect = request(port, "GET", "/ui");
      assertThat(redirect.status()).isEqualTo(301);
      assertThat(redirect.headers().get("location")).endsWith("/ui/");

      Answer page = request(port, "GET", "/ui/");
      assertThat(page.status()).as("the page needs no token, though reads do").isEqualTo(200);
      assertThat(page.headers().get("content-type")).startsWith("text/html");
      assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
      assertThat(page.headers().get("content-security-policy")).contains("default-src 'self'");
      assertThat(request(port, "GET", "/ui/index.html").body()).isEqualTo(page.body());
      for (Map.Entry<String, String> file : Map.of("/ui/app.js", "text/javascript", "/ui/style.css", "text/css",
          "/ui/icon.svg", "image/svg+xml", "/ui/topology.js", "text/javascript").entrySet()) {
        Answer a = request(port, "GET", file.getKey());
        assertThat(a.status()).as(file.getKey()).isEqualTo(200);
        assertThat(a.headers().get("content-type")).as(file.getKey()).startsWith(file.getValue());
        assertThat(a.headers().get("x-content-type-options")).isEqualTo("nosniff");
      }
      assertThat(request(port, "HEAD", "/ui/app.js").status()).isEqualTo(200);
      Answer post = request(port, "POST", "/ui/app.js");
      assertThat(post.status()).isEqualTo(405);
      assertThat(post.body()).contains("\"detail\"");

      Answer unknown = request(port, "GET", "/ui/no-such-file.js");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).contains("no file /ui/no-such-file.js");
      assertThat(request(port, "GET", "/wm/core/health/json").status()).as("the API still needs the token")
          .isEqualTo(401);
    }
  }

  @Test
  void noFolderIsListedAndNoPathLeavesTheFolder() throws Exception {
    try (Controller c = start()) {
      int port = c.module(RestModule.class).orElseThrow().address().getPort();
      for (String path : List.of("/ui/../../../../etc/passwd", "/ui/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
          "/ui/..%2f..%2f..%2f..%2fetc%2fpasswd", "/ui/%2E%2E%2F%2E%2E%2Fserver%2FUiHandler.class",
          "/ui/..%5c..%5cetc%5cpasswd", "/ui/%252e%252e/%252e%252e/etc/passwd", "/ui/./app.js",
          "/ui//etc/passwd", "/ui/../server/UiHandler.class", "/ui/UiHandler.class", "/ui/org/",
          "/ui/org/netservof/rest/ui/app.js", "/ui/app.js%00.css", "/ui/.hidden.js")) {
        Answer a = request(port, "GET", path);
        // A path climbing above the root is refused by Grizzly before any handler sees it: 500, empty body.
        assertThat(a.status()).as(path + " answered " + a.body()).isIn(400, 401, 404, 500);
        assertThat(a.status() == 500 && !a.body().isEmpty()).as(path + " answered " + a.body()).isFalse();
        assertThat(a.body()).as(path).doesNotContain("root:").doesNotContain("import ").doesNotContain("\u00ca\u00fe");
      }
    }
  }
}
