package dev.weir.registry.rest;

/** The content types of the Confluent Schema Registry API, with the weights it prefers them by. */
final class MediaTypes {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String V1_JSON_WEIGHTED = V1_JSON;
    static final String DEFAULT_JSON_WEIGHTED = "application/vnd.schemaregistry+json; qs=0.9";
    static final String JSON_WEIGHTED = "application/json; qs=0.5";

    static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    /** What a request without a content type is taken to be. */
    static final String GENERIC_REQUEST = "application/octet-stream";

    private MediaTypes() {
    }
}
