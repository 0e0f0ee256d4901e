package besa.demo;

import java.time.LocalDate;

/** A real person of the scenario as Albanian records write them. */
record PersonName(String first, String father, String last, char gender, LocalDate birthDate, String birthPlace) {}
