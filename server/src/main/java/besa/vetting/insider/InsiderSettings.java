package besa.vetting.insider;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The insider watch's thresholds ({@code besa.vetting.insider.*}). Days and hours are those of
 * {@code zone} (where the force works), not UTC. Fields can be changed at run time by tests.
 */
@Component
public class InsiderSettings {
    /** Audit entries read per batch (one transaction each). */
    volatile int batchSize;
    /** How many previous days make a user's baseline. */
    volatile int historyDays;
    /** Days with consultations needed in the baseline before volume or hours are judged. */
    volatile int minHistoryDays;
    /** A day is unusual above mean + sigmas × standard deviation of his active days... */
    volatile double sigmas;
    /** ...and only from this many consultations that day. */
    volatile int volumeFloor;
    volatile ZoneId zone;
    /** A look counts as a canary lookup when the entity was a canary at any time this close to it (unmark, look, re-mark). */
    volatile Duration canaryWindow;

    InsiderSettings(@Value("${besa.vetting.insider.batch-size:5000}") int batchSize,
                    @Value("${besa.vetting.insider.history-days:30}") int historyDays,
                    @Value("${besa.vetting.insider.min-history-days:5}") int minHistoryDays,
                    @Value("${besa.vetting.insider.sigmas:3}") double sigmas,
                    @Value("${besa.vetting.insider.volume-floor:50}") int volumeFloor,
                    @Value("${besa.vetting.insider.zone:Europe/Tirane}") String zone,
                    @Value("${besa.vetting.insider.canary-window:15m}") Duration canaryWindow) {
        if (batchSize < 1 || historyDays < 1 || minHistoryDays < 1 || minHistoryDays > historyDays || sigmas <= 0 || volumeFloor < 1) {
            throw new IllegalArgumentException("besa.vetting.insider: batch-size, history-days, volume-floor must be at least 1, sigmas above 0, "
                    + "min-history-days between 1 and history-days");
        }
        this.batchSize = batchSize;
        this.historyDays = historyDays;
        this.minHistoryDays = minHistoryDays;
        this.sigmas = sigmas;
        this.volumeFloor = volumeFloor;
        this.zone = ZoneId.of(zone);
        if (canaryWindow.isNegative()) throw new IllegalArgumentException("besa.vetting.insider.canary-window must not be negative");
        this.canaryWindow = canaryWindow;
    }

    public Duration canaryWindow() {
        return canaryWindow;
    }

    public int historyDays() {
        return historyDays;
    }

    public int minHistoryDays() {
        return minHistoryDays;
    }

    public double sigmas() {
        return sigmas;
    }

    public int volumeFloor() {
        return volumeFloor;
    }

    public ZoneId zone() {
        return zone;
    }
}
