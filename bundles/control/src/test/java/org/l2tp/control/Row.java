package org.l2tp.control;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The row of a state table a test drives: {@code table} is the table's section ("7.2.1", "7.4.1", ...), then the
 * state and the event by name. {@code TableCoverageTest} checks that every cell of every table has one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Row.Rows.class)
public @interface Row {
    String table();

    String state();

    String event();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Rows {
        Row[] value();
    }
}
