package org.netservof.protocol.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid messages at random and checks that the parsers only ever accept (and then round trip) or
 * refuse with {@link SignalFormatException}. The seed is random per run and printed on failure; rerun with
 * {@code -Dsignal.fuzz.seed=<seed>} to reproduce.
 */
class SignalFuzzTest {
  /** Per parser: the two tests together stay within about three seconds. */
  private static final long BUDGET_NANOS = 1_500_000_000L;
  private static final int MAX_ITERATIONS = 200_000;
  /** Bytes that matter to the grammar, so mutations hit the interesting paths more often than noise would. */
  private static final byte[] SPECIAL = SignalSamples.ascii(":\n\r =,/-_.0123456789 \0\u0080\u00ff+=aZ");

  /** A parse function under test; returns whether the input was accepted. */
  @FunctionalInterface
  private interface Target {
    boolean run(byte[] input) throws SignalFormatException;
  }

  @Test
  void requestParserOnlyAcceptsRoundTrippingMessagesOrRefusesCleanly() {
    List<byte[]> seeds = new ArrayList<>();
    for (SignalRequest r : SignalSamples.requests()) {
      seeds.add(SignalCodec.encode(r));
    }
    seeds.add(SignalSamples.message(SignalSamples.SETUP_LINES));
    seeds.add(SignalSamples.ascii(String.join("\r\n", SignalSamples.SETUP_LINES) + "\r\n\r\n"));
    seeds.add(SignalSamples.setupPlus("filter-dst:10.0.0.0/8", "properties:a=1,b=,c=x y", "dependencies:"));
    fuzz("parseRequest", seeds, input -> {
      SignalRequest r;
      try {
        r = SignalCodec.parseRequest(input);
      } catch (SignalFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
        try {
          SignalCodec.signedBytes(input); // frames only, so it may work; it must not fail otherwise
        } catch (SignalFormatException alsoFine) {
          // refused cleanly
        }
        return false;
      }
      byte[] again = SignalCodec.encode(r);
      assertThat(again.length).isLessThanOrEqualTo(input.length);
      assertThat(SignalCodec.parseRequest(again)).isEqualTo(r);
      // A valid request has exactly one signature line, and removing it leaves a shorter, framed message.
      assertThat(SignalCodec.signedBytes(input).length).isLessThan(input.length);
      return true;
    });
  }

  @Test
  void responseParserOnlyAcceptsRoundTrippingMessagesOrRefusesCleanly() {
    List<byte[]> seeds = new ArrayList<>();
    for (int entries : new int[] {0, 1, 3, 12}) {
      seeds.add(SignalCodec.encodeResponse(SignalSamples.response(entries)));
    }
    seeds.add(SignalCodec.encodeResponse(SignalSamples.response(2)
        .withEntry(new StackEntry("far.away_domain", 504, "")).withEntry(new StackEntry("x", 200, "a  b "))));
    fuzz("parseResponse", seeds, input -> {
      SignalResponse r;
      try {
        r = SignalCodec.parseResponse(input);
      } catch (SignalFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
        return false;
      }
      byte[] again = SignalCodec.encodeResponse(r);
      assertThat(again.length).isLessThanOrEqualTo(input.length);
      assertThat(SignalCodec.parseResponse(again)).isEqualTo(r);
      assertThat(SignalCodec.truncatedToFit(r)).isEqualTo(r);
      return true;
    });
  }

  private static void fuzz(String name, List<byte[]> seeds, Target target) {
    long seed = Long.getLong("signal.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
      byte[] input = seeds.get(random.nextInt(seeds.size()));
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        input = mutate(input, random);
      }
      try {
        if (target.run(input)) {
          accepted++;
        } else {
          refused++;
        }
      } catch (Throwable t) {
        fail(name + " failed with seed " + seed + " (rerun with -Dsignal.fuzz.seed=" + seed + ") at iteration "
            + i + " on input \"" + escape(input) + "\"", t);
      }
    }
    System.out.printf("%s fuzz: seed %d, %d accepted, %d refused%n", name, seed, accepted, refused);
    // Both outcomes must occur, else the mutations are too tame or too wild to test anything.
    assertThat(accepted).as("accepted inputs, seed %d", seed).isPositive();
    assertThat(refused).as("refused inputs, seed %d", seed).isPositive();
  }

  private static byte[] mutate(byte[] in, Random random) {
    if (in.length == 0) {
      return randomBytes(random, random.nextInt(64));
    }
    int at = random.nextInt(in.length);
    switch (random.nextInt(11)) {
      case 0: { // flip one bit
        byte[] out = in.clone();
        out[at] ^= (byte) (1 << random.nextInt(8));
        return out;
      }
      case 1: { // overwrite with a grammar byte
        byte[] out = in.clone();
        out[at] = SPECIAL[random.nextInt(SPECIAL.length)];
        return out;
      }
      case 2: // insert a grammar byte or a random one
        return splice(in, at, at, new byte[] {random.nextBoolean()
            ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256)});
      case 3: // delete a few bytes
        return splice(in, at, Math.min(in.length, at + 1 + random.nextInt(8)), new byte[0]);
      case 4: // truncate
        return splice(in, at, in.length, new byte[0]);
      case 5: // append random bytes
        return splice(in, in.length, in.length, randomBytes(random, 1 + random.nextInt(16)));
      case 6: // duplicate a line
      case 7: // swap two lines
      case 8: // delete a line
        return mutateLines(in, random);
      case 9: // repeat a chunk, to reach the size, line and header limits
        int end = Math.min(in.length, at + 1 + random.nextInt(200));
        byte[] chunk = java.util.Arrays.copyOfRange(in, at, end);
        byte[] out = in;
        for (int n = random.nextInt(8); n >= 0; n--) {
          out = splice(out, at, at, chunk);
        }
        return out;
      default: // something else entirely
        return randomBytes(random, random.nextInt(128));
    }
  }

  private static byte[] mutateLines(byte[] in, Random random) {
    List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
    int a = random.nextInt(lines.size());
    int b = random.nextInt(lines.size());
    switch (random.nextInt(3)) {
      case 0 -> lines.add(b, lines.get(a));
      case 1 -> Collections.swap(lines, a, b);
      default -> lines.remove(a);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, from);
    out.write(insert, 0, insert.length);
    out.write(in, to, in.length - to);
    return out.toByteArray();
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static String escape(byte[] input) {
    StringBuilder s = new StringBuilder();
    for (byte x : input) {
      int b = x & 0xff;
      s.append(b == '\n' ? "\\n" : b == '\r' ? "\\r" : b == '"' || b == '\\' ? "\\" + (char) b
          : b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return s.toString();
  }
}
