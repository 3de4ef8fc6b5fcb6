#!/usr/bin/env python3
"""Read vjepa-stream's topics from Python with nothing but the .avsc files.

Every value on the vjepa topics is Avro single-object encoding: the marker C3 01, the little-endian
CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form, then the record in Avro binary.
This consumer loads the schemas from schemas/src/main/avro (named types that others use, such as
Frame and TemporalMask inside FramePair, are loaded first), checks each record's fingerprint, and
prints one JSON object a record: topic, partition, offset, key and the decoded value (bytes fields are
shown by their length).

Needs Debian's python3-confluent-kafka and python3-avro (bin/test installs them).

  python3 examples/python/vjepa_consumer.py --bootstrap 127.0.0.1:9092 --topic vjepa.anomaly-energy --max 5
"""
import argparse
import io
import json
import math
import os
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "..", "schemas", "src", "main", "avro")
# Types that other schemas name come first, so that those can refer to them.
ORDER = ["Frame", "TemporalMask", "FramePair", "LatentState", "AnomalyEnergy", "CheckpointEvent", "Action"]
TOPICS = {
    "vjepa.frame-pairs": "FramePair",
    "vjepa.frame-pairs.dlq": "FramePair",
    "vjepa.latents": "LatentState",
    "vjepa.anomaly-energy": "AnomalyEnergy",
    "vjepa.checkpoints": "CheckpointEvent",
    "vjepa.actions": "Action",
}


def crc64_avro(data: bytes) -> int:
    """The 64-bit Rabin fingerprint the Avro specification names CRC-64-AVRO."""
    empty = 0xC15D213AA4D7A795
    fingerprint = empty
    for byte in data:
        fingerprint ^= byte
        for _ in range(8):
            fingerprint = (fingerprint >> 1) ^ (empty & -(fingerprint & 1))
    return fingerprint & 0xFFFFFFFFFFFFFFFF


def load_schemas(directory: str) -> dict:
    names = avro.schema.Names()
    schemas = {}
    for name in ORDER:
        with open(os.path.join(directory, name + ".avsc"), encoding="utf-8") as f:
            schemas[name] = avro.schema.make_avsc_object(json.load(f), names)
    return schemas


class Decoder:
    """Decodes single-object encoded values of one schema, refusing another schema's."""

    def __init__(self, schema):
        self.schema = schema
        self.fingerprint = crc64_avro(schema.canonical_form.encode("utf-8"))
        self.reader = avro.io.DatumReader(schema)

    def decode(self, value: bytes) -> dict:
        if value[:2] != b"\xc3\x01":
            raise ValueError("not Avro single-object encoding (no C3 01 marker)")
        (fingerprint,) = struct.unpack("<Q", value[2:10])
        if fingerprint != self.fingerprint:
            raise ValueError("written with another version of %s (fingerprint %016x, this one %016x)"
                             % (self.schema.name, fingerprint, self.fingerprint))
        return self.reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def printable(value):
    """JSON-friendly: bytes by their length, non-finite floats as strings."""
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": len(value)}
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers")
    parser.add_argument("--topic", action="append", choices=sorted(TOPICS), help="a topic to read; repeatable (default: all)")
    parser.add_argument("--max", type=int, default=0, help="stop after this many records (default: run until Ctrl-C)")
    parser.add_argument("--timeout", type=float, default=30, help="stop when no record came for this many seconds")
    parser.add_argument("--from-beginning", action="store_true", help="read each topic from its first record")
    parser.add_argument("--schemas", default=SCHEMAS, help="the directory of the .avsc files")
    args = parser.parse_args(argv)

    schemas = load_schemas(args.schemas)
    decoders = {topic: Decoder(schemas[name]) for topic, name in TOPICS.items()}
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "vjepa-python-%d" % os.getpid(),
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
    })
    consumer.subscribe(args.topic or sorted(TOPICS))
    seen = 0
    idle = 0.0
    try:
        while args.max == 0 or seen < args.max:
            message = consumer.poll(0.5)
            if message is None:
                idle += 0.5
                if idle >= args.timeout:
                    break
                continue
            idle = 0.0
            if message.error():
                raise KafkaException(message.error())
            record = {"topic": message.topic(), "partition": message.partition(), "offset": message.offset(),
                      "key": message.key().decode("utf-8") if message.key() else None}
            try:
                record["value"] = printable(decoders[message.topic()].decode(message.value()))
            except ValueError as e:
                record["error"] = str(e)
            headers = dict(message.headers() or [])
            if "vjepa.dlq.reason" in headers:
                record["dlq_reason"] = headers["vjepa.dlq.reason"].decode("utf-8")
            print(json.dumps(record), flush=True)
            seen += 1
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
