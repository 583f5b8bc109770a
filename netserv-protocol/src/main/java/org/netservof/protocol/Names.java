package org.netservof.protocol;

import java.util.regex.Pattern;

/**
 * The one grammar of the names NetServ passes around: users, nodes and domains ({@link #isName}), and modules
 * ({@link #isModule}). The signaling codec checks names on the wire with it, and every API record that takes a
 * module checks with it too, so a name the wire accepts is never refused later (before, {@code NetMon_v2}
 * passed the signaling check and then failed in the bridge).
 *
 * <p>Decision: a module is {@code NAME_VERSION}, as in the thesis ({@code NetServ.apps.NetMonitor_1.0.0}):
 * NAME starts with a letter, then up to 63 letters, digits, '.' or '-'; one '_'; VERSION starts with a digit,
 * then up to 31 letters, digits, '.' or '-'. A version must start with a digit so that the split at the
 * single '_' is never ambiguous to a reader ({@code NetMon_v2} reads as a name, not a version, and is
 * refused); a name must start with a letter because it is a Java-style module name the node logs and shows.
 */
public final class Names {
  /** What {@link #isName} accepts, in words for error messages. */
  public static final String NAME_RULE = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
  /** What {@link #isModule} accepts, in words for error messages. */
  public static final String MODULE_RULE = "NAME_VERSION, such as NetMonitor_1.0 (NAME: a letter, then up to 63"
      + " letters, digits, '.' or '-'; VERSION: a digit, then up to 31 letters, digits, '.' or '-')";

  /**
   * Names become directory names on nodes and arguments of commands there: '.', '..', dot files and names that
   * read as an option ('-rf') are refused by the first character.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern MODULE = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,63}_[0-9][A-Za-z0-9.-]{0,31}");

  private Names() {}

  /** A user, node id or signaling domain. */
  public static boolean isName(String s) {
    return s != null && NAME.matcher(s).matches();
  }

  /** A module's name and version, {@code NAME_VERSION}. */
  public static boolean isModule(String s) {
    return s != null && MODULE.matcher(s).matches();
  }
}
