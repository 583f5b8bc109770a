package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A {@code netserv ctl} command, and the shapes most of them share: list a resource, show one item, write to
 * one item. A command class names its shape and its path; the shape does the request and the printing, so the
 * commands differ only where the API does.
 *
 * <p>{@link CtlMain} gives each command it creates itself ({@link #bind}) before picocli runs it: the run's
 * state travels to the command, not through static fields. Only {@link Show} looks at its parent command, for
 * the one thing the parent is: the collection it lists.
 */
abstract class CtlCommand implements Callable<Integer> {
  /** The client run this command belongs to; set once, before {@link #call}. */
  protected CtlMain ctl;

  final void bind(CtlMain ctl) {
    this.ctl = ctl;
  }

  /**
   * GET a collection and print it as the table {@code table} makes of it. Its {@link Show} and {@link Delete}
   * subcommands act on one item of it.
   */
  abstract static class Listing extends CtlCommand {
    private final String path;
    private final Function<JsonNode, Table> table;
    private final Item item;

    Listing(String path, Function<JsonNode, Table> table) {
      this(path, table, new Item("item", JsonTable::details));
    }

    Listing(String path, Function<JsonNode, Table> table, Item item) {
      this.path = path;
      this.table = table;
      this.item = item;
    }

    @Override
    public Integer call() {
      ctl.show(path, table);
      return 0;
    }
  }

  /**
   * What a listing's items are to its item commands.
   *
   * @param noun what one is called in messages ({@code deleted service 7})
   * @param one how to print one that a write sends back
   */
  record Item(String noun, Function<JsonNode, Table> one) {}

  /** A command about one item of its parent's collection, named by its id (or name) on the command line. */
  abstract static class OnItem extends CtlCommand {
    @ParentCommand
    Listing collection;

    @Parameters(paramLabel = "ID", description = "Which one: its id (a service or node) or name (a pool or user).")
    String id;

    /** The item's path, with its id escaped as one path segment. */
    String item() {
      return collection.path + "/" + ApiClient.segment(id);
    }

    /** Prints what a write to the item sent back, or {@code <done> <noun> <id>} when it sent nothing. */
    void printResult(String body, String done) {
      ctl.printResult(body, done + " " + collection.item.noun() + " " + id, collection.item.one());
    }
  }

  /** {@code show ID}: GET one item and print every field of it. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "One item, every field.")
  static final class Show extends OnItem {
    @Override
    public Integer call() {
      ctl.show(item(), JsonTable::details);
      return 0;
    }
  }

  /** {@code delete ID}: DELETE one item. */
  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Remove it: a service's steering, then its module from the nodes; a node the controller forgets.")
  static final class Delete extends OnItem {
    @Override
    public Integer call() {
      printResult(ctl.client().send("DELETE", item(), null), "deleted");
      return 0;
    }
  }

  /** A command that sends a JSON body from a file, or from stdin for {@code -}. */
  abstract static class WithBody extends CtlCommand {
    @Parameters(paramLabel = "FILE", description = "The JSON to send, or - for stdin.")
    String file;

    /** The body, checked to be one JSON object. */
    String body() {
      return ctl.readBody(file);
    }
  }
}
