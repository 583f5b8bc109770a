package org.netservof.rest.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operators, each with the bearer token read from their file and the scope it grants. Tokens are
 * compared in constant time. Immutable: a reload builds a new one.
 */
public final class Operators {
  /** Short tokens can be guessed: refuse them at start rather than accept them quietly. */
  static final int MIN_TOKEN_LENGTH = 16;

  private record Known(Caller caller, byte[] token) {}

  private final List<Known> known;

  private Operators(List<Known> known) {
    this.known = List.copyOf(known);
  }

  public static Operators none() {
    return new Operators(List.of());
  }

  /** Reads every operator's token file; a missing, empty, short or shared token is refused by name. */
  public static Operators load(List<RestConfig.Operator> operators) {
    List<Known> out = new ArrayList<>();
    for (RestConfig.Operator op : operators) {
      String token;
      try {
        token = Files.readString(op.tokenFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("rest-tokens: cannot read the token file of operator '" + op.name()
            + "' (" + op.tokenFile() + "): " + e.getMessage(), e);
      }
      if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("rest-tokens: the token of operator '" + op.name() + "' in "
            + op.tokenFile() + " must be one word of at least " + MIN_TOKEN_LENGTH + " characters");
      }
      byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
      for (Known k : out) {
        if (k.caller().name().equals(op.name())) {
          throw new IllegalArgumentException("rest-tokens: operator '" + op.name() + "' is listed twice");
        }
        if (MessageDigest.isEqual(k.token(), bytes)) {
          throw new IllegalArgumentException("rest-tokens: operators '" + k.caller().name() + "' and '" + op.name()
              + "' share a token; the audit log could not tell them apart");
        }
      }
      out.add(new Known(new Caller(op.name(), op.scope()), bytes));
    }
    return new Operators(out);
  }

  /** The operator whose token this is, with their scope. */
  public Optional<Caller> byToken(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    Optional<Caller> found = Optional.empty();
    for (Known k : known) { // every entry compared, so the time says nothing about which one matched
      if (MessageDigest.isEqual(k.token(), bytes)) {
        found = Optional.of(k.caller());
      }
    }
    return found;
  }

  /** Each operator's name and scope, for the start-up log: never the tokens. */
  public String describe() {
    return known.stream().map(k -> k.caller().name() + " (" + k.caller().scope().word() + ")")
        .reduce((a, b) -> a + ", " + b).orElse("none");
  }

  public boolean isEmpty() {
    return known.isEmpty();
  }
}
