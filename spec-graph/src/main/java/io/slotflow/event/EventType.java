package io.slotflow.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name and current version of an event type, as written to the journal. The name never
 * changes when the class is renamed or moved; the version grows when the shape changes in a way
 * that needs an upcaster (see docs/events.md).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String name();

    int version();
}
