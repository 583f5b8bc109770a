package org.netservof.modules.cdn;

/**
 * An object fetched from the origin: its content type and bytes, and when it was fetched ({@code nanoTime}).
 */
record CachedObject(String contentType, byte[] body, long fetchedAt) {
  CachedObject {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  int size() {
    return body.length;
  }
}
