package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Moves a frame's pixels by a flow given per token place, with bilinear sampling, so that a shift by
 * part of a patch is expressible (a mix of whole-patch tokens cannot express it). Backward warping:
 * the output pixel at x is the input at x + flow(x), the flow of x's patch; places off the frame read
 * its nearest edge pixel. The gradient reaches the flow through the interpolation weights.
 */
final class PixelWarp {
    private PixelWarp() {
    }

    /**
     * @param frames [B, C, H, W]
     * @param flow [B, G, G, 2], per patch of {@code H / G} pixels: where its content comes from, in
     *     pixels, (dx, dy)
     * @return the moved frames [B, C, H, W]
     */
    static NDArray backward(NDArray frames, NDArray flow) {
        Shape shape = frames.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int grid = (int) flow.getShape().get(1);
        int patch = height / grid;
        NDManager manager = frames.getManager();
        // Each patch's flow at each of its pixels: [B, H, W, 2] -> two [B, H * W] planes.
        NDArray perPixel = flow.repeat(1, patch).repeat(2, patch);
        NDArray dx = perPixel.get(":, :, :, 0").reshape(batch, (long) height * width);
        NDArray dy = perPixel.get(":, :, :, 1").reshape(batch, (long) height * width);
        NDArray sx = dx.add(coordinates(manager, height, width, false));
        NDArray sy = dy.add(coordinates(manager, height, width, true));
        NDArray x0 = sx.floor();
        NDArray y0 = sy.floor();
        // The fractions carry the gradient; floor() has none.
        NDArray fx = sx.sub(x0);
        NDArray fy = sy.sub(y0);
        NDArray flat = frames.reshape(batch, channels, (long) height * width);
        NDArray out = null;
        for (int cy = 0; cy <= 1; cy++) {
            NDArray wy = cy == 0 ? fy.neg().add(1f) : fy;
            NDArray row = clamp(y0.add(cy), height).mul(width);
            for (int cx = 0; cx <= 1; cx++) {
                NDArray wx = cx == 0 ? fx.neg().add(1f) : fx;
                NDArray index = row.add(clamp(x0.add(cx), width)).toType(DataType.INT64, false)
                        .expandDims(1).broadcast(new Shape(batch, channels, (long) height * width));
                NDArray corner = flat.gather(index, 2).mul(wx.mul(wy).expandDims(1));
                out = out == null ? corner : out.add(corner);
            }
        }
        return out.reshape(shape);
    }

    private static NDArray clamp(NDArray coordinate, int size) {
        return coordinate.clip(0, size - 1);
    }

    /** @return every pixel's column (or row), row-major: [1, H * W] */
    private static NDArray coordinates(NDManager manager, int height, int width, boolean rows) {
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = rows ? y : x;
            }
        }
        return manager.create(values, new Shape(1, (long) height * width));
    }

    /** For tests and callers holding a list: {@link #backward(NDArray, NDArray)} of the first two. */
    static NDArray backward(NDList framesAndFlow) {
        return backward(framesAndFlow.get(0), framesAndFlow.get(1));
    }
}
