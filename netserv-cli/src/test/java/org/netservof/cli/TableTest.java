package org.netservof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
  private static String print(Table t) {
    StringWriter s = new StringWriter();
    t.print(new PrintWriter(s));
    return s.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void columnsArePaddedToTheWidestCellAndTheLastIsNot() {
    Table t = new Table("DPID", "VERSION", "ADDRESS").row("00:00:00:00:00:00:00:01", "OF_13", "/127.0.0.1:1")
        .row("1", "OF_10", "x");
    assertThat(print(t)).isEqualTo("""
        DPID                     VERSION  ADDRESS
        00:00:00:00:00:00:00:01  OF_13    /127.0.0.1:1
        1                        OF_10    x
        """);
  }

  @Test
  void missingBlankAndAbsentCellsPrintAsDash() {
    Table t = new Table("A", "B", "C").row("x", null).row("", "  ", "z");
    assertThat(print(t)).isEqualTo("""
        A  B  C
        x  -  -
        -  -  z
        """);
  }

  @Test
  void aNewlineInACellDoesNotBreakTheRow() {
    Table t = new Table("A", "B").row("line one\nline two", "b");
    assertThat(print(t)).isEqualTo("""
        A                  B
        line one line two  b
        """);
  }

  @Test
  void anEmptyTableStillHasItsHeader() {
    assertThat(print(new Table("ID", "NAME"))).isEqualTo("ID  NAME\n");
  }

  @Test
  void moreCellsThanColumnsIsRefused() {
    assertThatThrownBy(() -> new Table("A").row("1", "2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cells for 1 columns");
  }
}
