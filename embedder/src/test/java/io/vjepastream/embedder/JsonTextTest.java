package io.vjepastream.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjepastream.records.AnomalyEnergy;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void writesRecordsByFieldAndNumbersJsonCanHold() {
        AnomalyEnergy energy = AnomalyEnergy.newBuilder().setStreamId("cam \"1\"").setSequence(7).setPtsMicros(80)
                .setCaptureTimeMicros(90).setModelVersion("tiny-v2").setEnergy(0.5).setZScore(Double.NaN)
                .setAnomalous(false).setPatchEnergy(List.of(1.5f, Float.POSITIVE_INFINITY)).build();
        assertEquals("{\"streamId\":\"cam \\\"1\\\"\",\"sequence\":7,\"ptsMicros\":80,\"captureTimeMicros\":90,"
                + "\"modelVersion\":\"tiny-v2\",\"energy\":0.5,\"zScore\":null,\"anomalous\":false,"
                + "\"patchEnergy\":[1.5,null]}", JsonText.of(energy));
    }

    @Test
    void writesMapsListsBytesAndControlCharacters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("line", "a\nb\u0001");
        map.put("bytes", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        map.put("none", null);
        map.put("list", List.of(1L, true));
        map.put("nan", Double.NaN);
        assertEquals("{\"line\":\"a\\nb\\u0001\",\"bytes\":\"AQID\",\"none\":null,\"list\":[1,true],\"nan\":null}",
                JsonText.of(map));
    }
}
