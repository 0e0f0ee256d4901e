package besa.audit;

/** A witness refused a checkpoint: bad signature, wrong log, smaller tree, fork, or a failed consistency proof. */
public class WitnessRefusedException extends Exception {
    private final long witnessSize;

    public WitnessRefusedException(String message, long witnessSize, Throwable cause) {
        super(message, cause);
        this.witnessSize = witnessSize;
    }

    /** The size of the last checkpoint the witness holds (0 if none): a proof must start there. */
    public long witnessSize() {
        return witnessSize;
    }
}
