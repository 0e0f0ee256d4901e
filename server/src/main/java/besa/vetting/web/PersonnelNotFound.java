package besa.vetting.web;

/** No such officer, or one the reader may not see (his own record): the same answer for both. */
class PersonnelNotFound extends RuntimeException {
    PersonnelNotFound(String id) {
        super("no officer with id '" + id + "'");
    }
}
