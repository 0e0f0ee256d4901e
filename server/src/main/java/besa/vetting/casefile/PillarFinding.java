package besa.vetting.casefile;

/** A reasoned finding on one pillar. */
public enum PillarFinding { SATISFACTORY, CONCERN, UNSATISFACTORY }
