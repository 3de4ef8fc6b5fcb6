/**
 * JSON as every service writes it, on Jackson: {@link io.vjepastream.schemas.json.Json} holds the shared
 * writers, {@link io.vjepastream.schemas.json.AvroJson} turns a record into the JSON the tools print.
 */
package io.vjepastream.schemas.json;
