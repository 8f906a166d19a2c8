package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ansi.SimpleAnsi;

/**
 * What every l2tp:* command shares: an operator's mistake, or a request the daemon refuses, ends the command with a
 * {@link CommandException}, which Karaf's console prints as one line (as it prints its own parser's errors) and logs
 * without a stack trace. IllegalArgumentException and IllegalStateException thrown while running count as such.
 */
abstract class BaseCommand implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error(e.getMessage(), e);
        }
    }

    /** The command's work; prints on System.out. */
    protected abstract Object run() throws Exception;

    /** "l2tp:tunnel-show". */
    final String name() {
        Command c = getClass().getAnnotation(Command.class);
        return c == null ? getClass().getSimpleName() : c.scope() + ":" + c.name();
    }

    /** One line: "Error executing command l2tp:tunnel-show: no tunnel 9; ...", in Karaf's parser's own words. */
    final CommandException error(String detail) {
        return error(detail, null);
    }

    final CommandException error(String detail, Throwable cause) {
        String d = detail == null ? String.valueOf(cause) : detail;
        String help = SimpleAnsi.COLOR_RED + "Error executing command " + name() + ": " + d + SimpleAnsi.COLOR_DEFAULT;
        return new CommandException(help, name() + ": " + d, cause);
    }

    /** The number given for an option, or the one-line error saying what was expected. */
    final int number(String option, String text, int min, int max, String what) throws CommandException {
        int n = Numbers.parse(text, min, max);
        if (n < 0) {
            throw error("\"" + text + "\" is not " + what + "; expected " + option + " " + min + "-" + max);
        }
        return n;
    }
}
