package io.slotflow.cli.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.slotflow.plan.Printable;

/** {@code %safemsg}: the message on one line, with control and bidirectional characters escaped. */
public final class OneLineMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escape(super.convert(event));
    }
}
