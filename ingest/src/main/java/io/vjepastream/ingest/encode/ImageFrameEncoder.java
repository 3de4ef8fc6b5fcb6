package io.vjepastream.ingest.encode;

import io.vjepastream.ingest.source.DecodedFrame;
import io.vjepastream.records.Frame;
import io.vjepastream.records.FrameEncoding;
import io.vjepastream.records.PixelFormat;
import io.vjepastream.schemas.FramePixels;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Stores frames as PNG or JPEG images through the JDK's ImageIO codecs. */
final class ImageFrameEncoder implements FrameEncoder {
    private final FrameEncoding encoding;
    private final PixelFormat format;
    private final int jpegQuality;

    ImageFrameEncoder(FrameEncoding encoding, PixelFormat format, int jpegQuality) {
        if (encoding == FrameEncoding.RAW) {
            throw new IllegalArgumentException("RAW frames are not images; use RawFrameEncoder");
        }
        this.encoding = encoding;
        this.format = format;
        this.jpegQuality = jpegQuality;
    }

    @Override
    public Frame encode(DecodedFrame frame) {
        BufferedImage image = image(frame);
        byte[] data;
        try {
            data = write(image);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a " + frame.width() + "x" + frame.height() + " " + format
                    + " frame as " + encoding + ": " + e.getMessage(), e);
        }
        return FrameEncoder.record(frame, format, encoding, data);
    }

    private BufferedImage image(DecodedFrame frame) {
        byte[] rgb = frame.rgb();
        if (format == PixelFormat.GRAY8) {
            BufferedImage gray = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
            byte[] target = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
            System.arraycopy(Luma.gray8(rgb), 0, target, 0, target.length);
            return gray;
        }
        return FramePixels.image(rgb, frame.width(), frame.height());
    }

    private byte[] write(BufferedImage image) throws IOException {
        String name = encoding == FrameEncoding.PNG ? "png" : "jpeg";
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(name);
        if (!writers.hasNext()) {
            throw new IOException("this JVM has no " + name + " image writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (encoding == FrameEncoding.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
