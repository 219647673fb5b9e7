// Timestamp (Time/) is not Codable; the registry model is, so it needs this conformance.
// It belongs in Time/Timestamp.swift — move it there when that file is next touched.

/// A `Timestamp` is coded as its export text `YYYY-MM-DD HH:MM:SS` (CST), like `Day`.
extension Timestamp: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = Timestamp(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD HH:MM[:SS] time: \(text)"))
        }
        self = t
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
