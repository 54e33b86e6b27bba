import protobuf from "protobufjs";

/*
 * OTLP protobuf messages, decoded with protobufjs.
 *
 * Why protobufjs with our own schema text: protobufjs is the most used protobuf runtime for
 * JavaScript, and it builds a specialised decoder per message type at start-up, so decoding runs
 * at the speed of generated code. The OpenTelemetry JS packages no longer ship a decoder (their
 * otlp-transformer only serialises, with a hand-written writer), and loading .proto files at run
 * time would mean shipping files outside the compiled output. So the schema below is written
 * from the OTLP specification (opentelemetry-proto, v1 messages): every field number and wire type
 * is the specification's, but only the fields Parley reads are declared. Protobuf decoders skip
 * undeclared fields by design, which is both forward-compatible and faster: trace ids, links,
 * exemplars and the like are never materialised.
 */
const SCHEMA = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  string name = 5;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  repeated Event events = 11;
  Status status = 15;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated KeyValue attributes = 3;
  }
}
message Status { string message = 2; int32 code = 3; }

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ScopeMetrics { repeated Metric metrics = 2; }
message Metric {
  string name = 1;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
    ExponentialHistogram exponential_histogram = 10;
  }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  optional double min = 11;
  optional double max = 12;
}
message ExponentialHistogram {
  repeated ExponentialHistogramDataPoint data_points = 1;
  int32 aggregation_temporality = 2;
}
message ExponentialHistogramDataPoint {
  repeated KeyValue attributes = 1;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  sint32 scale = 6;
  fixed64 zero_count = 7;
  Buckets positive = 8;
  optional double min = 12;
  optional double max = 13;
  message Buckets { sint32 offset = 1; repeated uint64 bucket_counts = 2; }
}

message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
message ScopeLogs { repeated LogRecord log_records = 2; }
message LogRecord {
  fixed64 time_unix_nano = 1;
  fixed64 observed_time_unix_nano = 11;
  repeated KeyValue attributes = 6;
  string event_name = 12;
}

message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
message ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }
message ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
message ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }

// google.rpc.Status, the body of OTLP error responses.
message RpcStatus { int32 code = 1; string message = 2; }
`;

const root = protobuf.parse(SCHEMA).root;
const type = (name: string) => root.lookupType(`otlp.${name}`);

export const OTLP_TYPES = {
  traces: type("ExportTraceServiceRequest"),
  metrics: type("ExportMetricsServiceRequest"),
  logs: type("ExportLogsServiceRequest"),
  tracesResponse: type("ExportTraceServiceResponse"),
  metricsResponse: type("ExportMetricsServiceResponse"),
  logsResponse: type("ExportLogsServiceResponse"),
  status: type("RpcStatus"),
} as const;
