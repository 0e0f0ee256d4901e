package besa.exchange.transport;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.attachment.Attachments;
import besa.exchange.attachment.ChunkedCipher;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.envelope.Receipt;
import besa.exchange.envelope.RejectedException;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox: claims due rows, posts each (in parallel, on virtual threads), and records
 * the outcome. A 200 must carry the partner's valid signed receipt for exactly the bytes we sent,
 * else the attempt counts as failed. 4xx (but 408/409/429) is final: the partner refused the message.
 * Anything else (down, cut, 5xx, timeout; 409 = an attachment the partner does not have yet; 507 = the
 * partner's quota of files no message claimed yet is full, room comes as messages arrive) is
 * retried with exponential backoff and jitter until the message's validity ends. A message's
 * attachments are uploaded first (on a retry only those the partner does not hold yet; sending one
 * again is harmless anyway, the partner keeps one copy per content), so the message arrives only
 * after all of them.
 */
public final class OutboxWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 32;
    /** The slowest transfer an attachment upload is given time for, on top of the request timeout. */
    static final long MIN_BYTES_PER_SECOND = 1 << 20;

    private final Outbox outbox;
    private final DeliveryClient client;
    private final PartnerRegistry partners;
    private final Envelopes envelopes;
    private final Attachments attachments;
    private final AuditLog audit;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration lease;
    private final Duration poll;
    private final Duration requestTimeout;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;

    public OutboxWorker(Outbox outbox, DeliveryClient client, PartnerRegistry partners, Envelopes envelopes, Attachments attachments,
                        AuditLog audit, Clock clock, Backoff backoff, Duration lease, Duration poll, Duration requestTimeout) {
        this.outbox = outbox;
        this.client = client;
        this.partners = partners;
        this.envelopes = envelopes;
        this.attachments = attachments;
        this.audit = audit;
        this.clock = clock;
        this.backoff = backoff;
        this.lease = lease;
        this.poll = poll;
        this.requestTimeout = requestTimeout;
    }

    /** Look at the outbox now rather than at the next poll (a message was queued). */
    public void wake() {
        wake.release();
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        senders = Executors.newVirtualThreadPerTaskExecutor();
        loop = Thread.ofPlatform().name("besa-exchange-outbox").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) loop.interrupt();
        if (senders != null) senders.shutdownNow(); // in-flight sends are abandoned; their rows come due again after the lease
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // starts after, stops before, the database and the audit trail
    }

    private void run() {
        while (running) {
            try {
                List<Outbox.Due> due = outbox.claim(BATCH, lease);
                List<Future<?>> sends = new ArrayList<>();
                for (Outbox.Due d : due) sends.add(senders.submit(() -> deliver(d)));
                for (Future<?> f : sends) f.get();
                if (due.size() < BATCH) {
                    wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) return;
                log.warn("exchange outbox pass failed: {}", e.toString());
                try {
                    wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void deliver(Outbox.Due d) {
        if (clock.instant().isAfter(d.validUntil())) {
            outbox.finish(d.messageId(), "EXPIRED", "validity ended before delivery");
            auditFailure(d, "validity ended before delivery");
            return;
        }
        Partner partner = partners.find(d.partnerId()).orElse(null);
        if (partner == null || !partner.active()) {
            outbox.retryAt(d.messageId(), "partner " + d.partnerId() + " missing or inactive", clock.instant().plus(backoff.after(d.attempts())));
            return;
        }
        try {
            if (!uploadAttachments(partner, d)) return;
            DeliveryClient.Response r = client.post(partner, d.jwe());
            if (r.status() == 200) {
                Receipt receipt = envelopes.verifyReceipt(r.body().strip(), partner.id());
                if (!receipt.messageId().equals(d.messageId()) || !receipt.jweSha256().equals(d.jweSha256())) {
                    throw new RejectedException(besa.exchange.envelope.Rejection.MALFORMED, "receipt is for another message or other bytes");
                }
                outbox.delivered(d.messageId(), r.body().strip());
            } else if (refusedForGood(r.status())) {
                outbox.finish(d.messageId(), "REJECTED", "HTTP " + r.status() + ": " + r.body());
                auditFailure(d, "refused by the partner: HTTP " + r.status() + " " + r.body());
            } else {
                retry(d, "HTTP " + r.status());
            }
        } catch (RejectedException e) {
            // A 200 without a valid receipt proves nothing: keep trying, and tell the auditors.
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "exchange receipt for " + d.messageId(),
                    e.getMessage(), d.partnerId(), AuditOutcome.DENIED, ""));
            retry(d, "bad receipt: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the lease brings the row back
        } catch (Exception e) {
            if (running) retry(d, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Uploads the message's attachments; false when this attempt ends here (refused for good, or to be retried). */
    private boolean uploadAttachments(Partner partner, Outbox.Due d) throws java.io.IOException, InterruptedException {
        for (SharedAttachment a : d.attachments()) {
            if (d.attempts() > 0 && client.hasAttachment(partner, a)) continue; // arrived whole in an earlier attempt
            Duration timeout = requestTimeout.plusSeconds(ChunkedCipher.cipherLength(a.size()) / MIN_BYTES_PER_SECOND);
            outbox.extendLease(d.messageId(), clock.instant().plus(timeout).plus(lease)); // not due again while this upload may run
            DeliveryClient.Response r = client.putAttachment(partner, a, attachments.outFile(a.id()), timeout);
            if (r.status() == 200) continue;
            String what = "attachment " + a.id() + ": HTTP " + r.status() + " " + r.body();
            if (refusedForGood(r.status())) {
                outbox.finish(d.messageId(), "REJECTED", what);
                auditFailure(d, "refused by the partner: " + what);
            } else {
                retry(d, what);
            }
            return false;
        }
        return true;
    }

    private static boolean refusedForGood(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
    }

    private void retry(Outbox.Due d, String error) {
        outbox.retryAt(d.messageId(), error, clock.instant().plus(backoff.after(d.attempts())));
    }

    private void auditFailure(Outbox.Due d, String why) {
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.DISCLOSURE, "exchange message " + d.messageId() + " not delivered",
                why, d.partnerId(), AuditOutcome.FAILED, ""));
    }
}
