package besa.access;

/** What a compartment is: a case, an operation, or a vetting file about one officer. */
public enum CompartmentKind {
    CASE,
    OPERATION,
    VETTING
}
