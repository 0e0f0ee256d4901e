package besa.breakglass;

/** An auditor's finding on a break-glass grant. */
public enum Finding { JUSTIFIED, NOT_JUSTIFIED }
