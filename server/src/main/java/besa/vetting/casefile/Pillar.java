package besa.vetting.casefile;

/** The three pillars of the vetting law: assets, background (integrity), proficiency. */
public enum Pillar { ASSETS, BACKGROUND, PROFICIENCY }
