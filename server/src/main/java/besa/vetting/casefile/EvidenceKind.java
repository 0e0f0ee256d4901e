package besa.vetting.casefile;

/** What a piece of evidence is: a vetting alert, an intelligence entity, a note or an uploaded file. */
public enum EvidenceKind { ALERT, ENTITY, NOTE, FILE }
