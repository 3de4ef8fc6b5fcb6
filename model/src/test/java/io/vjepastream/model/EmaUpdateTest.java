package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaUpdateTest {
    @Test
    void movesTargetTowardsOnlineByTheFormula() {
        try (NDManager manager = TorchRuntime.newManager()) {
            Parameter target = parameter("target", manager, new float[] {1f, 2f, -4f});
            Parameter online = parameter("online", manager, new float[] {3f, 5f, 0f});
            online.getArray().setRequiresGradient(true);

            EmaUpdate.apply(List.of(target), List.of(online), 0.9f);
            // 0.9 * t + 0.1 * o
            assertArrayEquals(new float[] {1.2f, 2.3f, -3.6f}, target.getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {3f, 5f, 0f}, online.getArray().toFloatArray());

            EmaUpdate.apply(List.of(target), List.of(online), 0.5f);
            assertArrayEquals(new float[] {2.1f, 3.65f, -1.8f}, target.getArray().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void refusesListsOfDifferentLengths() {
        try (NDManager manager = TorchRuntime.newManager()) {
            Parameter one = parameter("a", manager, new float[] {1f});
            assertThrows(IllegalArgumentException.class, () -> EmaUpdate.apply(List.of(one), List.of(), 0.9f));
        }
    }

    private static Parameter parameter(String name, NDManager manager, float[] values) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optArray(manager.create(values)).build();
    }
}
