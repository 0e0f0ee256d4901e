package besa.vetting.web;

/** A request parameter the personnel or lead API cannot accept: which one, the value, and why. */
class PersonnelBadRequest extends RuntimeException {
    final String parameter;
    final String value;

    PersonnelBadRequest(String parameter, String value, String why) {
        super(why);
        this.parameter = parameter;
        this.value = value;
    }

    static void paging(int page, int size) {
        if (page < 0) throw new PersonnelBadRequest("page", String.valueOf(page), "page must be 0 or more");
        if (size < 1 || size > besa.intel.search.Page.MAX_SIZE) {
            throw new PersonnelBadRequest("size", String.valueOf(size), "size must be between 1 and " + besa.intel.search.Page.MAX_SIZE);
        }
    }
}
