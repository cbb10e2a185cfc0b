/** {@code slotflow serve}: a long-running engine behind an HTTP control API. */
package io.slotflow.server;
