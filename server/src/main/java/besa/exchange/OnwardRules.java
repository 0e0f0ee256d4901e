package besa.exchange;

import besa.exchange.envelope.Payload;
import java.util.Optional;

/**
 * The originators' rules for material partners sent us, checked by {@link Exchange#send} before
 * anything is sealed, whoever composed the message (implemented by the messages' {@code Forwarding}).
 */
public interface OnwardRules {
    /**
     * The first statement of {@code payload} that may not go to {@code recipient}: a partner's material without the
     * originator's permission, or leaving with a lower handling code than it arrived with. Empty when all may go.
     */
    Optional<String> violation(String recipient, Payload payload);

    /** Whether {@code payload} carries material a partner sent without onward transfer (the message must then say so too). */
    boolean carriesNoOnwardMaterial(Payload payload);

    /** No partner material anywhere (a node without the messages module). */
    OnwardRules NONE = new OnwardRules() {
        @Override
        public Optional<String> violation(String recipient, Payload payload) {
            return Optional.empty();
        }

        @Override
        public boolean carriesNoOnwardMaterial(Payload payload) {
            return false;
        }
    };
}
