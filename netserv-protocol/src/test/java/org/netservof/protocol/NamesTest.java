package org.netservof.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names end up as directory names and command arguments on nodes: the grammar refuses what could climb out of
 * a directory or read as an option.
 */
class NamesTest {

  @ParameterizedTest(name = "''{0}'' accepted: {1}")
  @CsvSource({
      "alice, true",
      "n1, true",
      "itsp.example-2_a, true",
      "0day, true",
      "., false",
      "'..', false",
      ".hidden, false",
      "-rf, false",
      "_x, false",
      "a/b, false",
      "'', false"})
  void aNameStartsWithALetterOrDigitAndHoldsNoSeparator(String name, boolean accepted) {
    assertThat(Names.isName(name)).isEqualTo(accepted);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void upToSixtyFourCharacters(String name) {
    assertThat(Names.isName(name)).isTrue();
    assertThat(Names.isName(name + "a".repeat(65 - name.length()))).isFalse();
  }
}
