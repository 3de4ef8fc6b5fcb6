package io.vjepastream.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesOneLineInTheMapsOrderWithEscapes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", "a \"b\"\n\u0001");
        map.put("a", List.of(1L, 0.5, true));
        map.put("none", null);
        assertEquals("{\"z\":\"a \\\"b\\\"\\n\\u0001\",\"a\":[1,0.5,true],\"none\":null}", Json.line(map));
    }

    @Test
    void indentsForPeople() throws Exception {
        String text = Json.indentedWriter().writeValueAsString(Map.of("k", 1));
        assertTrue(text.startsWith("{") && text.contains("\n  \"k\" : 1"), text);
    }

    @Test
    void aValueJacksonCannotWriteIsNamed() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Json.line(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
