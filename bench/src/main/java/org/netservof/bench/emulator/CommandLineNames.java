package org.netservof.bench.emulator;

import java.util.Arrays;
import java.util.Locale;

/** Enum constants as the command line spells them: their names in lower case. */
final class CommandLineNames {
  private CommandLineNames() {}

  /** The constant of {@code type} spelled {@code text}; a message naming {@code what} and the choices if none. */
  static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(what + " must be one of "
            + Arrays.stream(type.getEnumConstants()).map(CommandLineNames::of).toList() + ", was " + text));
  }

  static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
