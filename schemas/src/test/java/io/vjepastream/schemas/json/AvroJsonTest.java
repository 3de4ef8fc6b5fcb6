package io.vjepastream.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjepastream.records.LatentState;
import io.vjepastream.records.MaskStrategy;
import io.vjepastream.records.TemporalMask;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
    private static final TemporalMask MASK = TemporalMask.newBuilder().setStrategy(MaskStrategy.TUBE)
            .setGridT(2).setGridH(1).setGridW(1).setPatchSize(4)
            .setContext(ByteBuffer.wrap(new byte[] {1, 2, 3})).setTarget(ByteBuffer.wrap(new byte[0])).setSeed(9)
            .build();

    @Test
    void writesFieldsInSchemaOrderEnumsAsSymbolsAndBytesBySize() {
        assertEquals("{\"strategy\":\"TUBE\",\"gridT\":2,\"gridH\":1,\"gridW\":1,\"patchSize\":4,"
                + "\"context\":\"<3 bytes>\",\"target\":\"<0 bytes>\",\"seed\":9}",
                Json.line(new AvroJson(false).toJson(MASK, MASK.getSchema())));
    }

    @Test
    void writesBytesInBase64WhenAskedWithoutMovingTheBuffer() {
        assertEquals("AQID", new AvroJson(true).toJson(MASK, MASK.getSchema()).get("context").asText());
        assertEquals(3, MASK.getContext().remaining());
    }

    @Test
    void unionsAreTheValueOfTheirBranchAndFloatsStayShort() {
        LatentState latent = LatentState.newBuilder().setStreamId("cam").setSequence(7).setPtsMicros(80)
                .setCaptureTimeMicros(90).setModelVersion("v1").setEmbedding(List.of(1.5f, 0.1f)).setTokens(null)
                .build();
        String json = Json.line(new AvroJson(false).toJson(latent, latent.getSchema()));
        assertTrue(json.contains("\"embedding\":[1.5,0.1]") && json.contains("\"tokens\":null"), json);
        latent.setTokens(List.of(2f));
        assertTrue(Json.line(new AvroJson(false).toJson(latent, latent.getSchema())).contains("\"tokens\":[2.0]"));
    }
}
