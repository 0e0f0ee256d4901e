/**
 * The REST API under {@code /api}: read-side resources (search, entities, sources), paging on every
 * list, errors as RFC 9457 problem details, described by the OpenAPI document at {@code /api/openapi}.
 */
package besa.api;
