import Foundation

/// What to generate. Same options ⇒ byte-identical files (nothing reads the clock).
public struct DemoOptions: Sendable {
    /// `.demo`: varied structures, vendor variety and injected anomalies with a ground truth.
    /// `.bench`: a uniform city (12 electrical points + 4 sensors per enterprise), no anomalies.
    public enum Profile: String, Sendable { case demo, bench }

    /// Seed of every random stream.
    public var seed: UInt64 = 20260601
    /// Number of enterprises (demo needs at least 64 to host every injected situation).
    public var enterprises = 176
    /// Number of districts (1…8; Baoding's real districts in a fixed order).
    public var districts = 6
    /// First day, `YYYY-MM-DD` (CST).
    public var start = "2026-06-01"
    /// Number of days (demo needs at least 14 so baselines exist before the anomalies).
    public var days = 35
    /// Realtime interval in minutes: a divisor of 15 (15 = the Hangzhou realtime interval, or 1).
    public var intervalMinutes = 15
    public var profile: Profile = .demo
    /// `.bench` only: the percentage (0…100) of enterprises whose RTO treatment facility
    /// (`-T1`: its fan, furnace temperature and airflow) stops from 09:00 to 11:00 CST every
    /// generated day while production runs — a treatment-not-running event each day, so a
    /// bench month has enterprises with events (and their files) as a real month does.
    /// Which enterprises: a seeded draw per enterprise, the same for every day.
    public var benchFaultPercent = 0
    /// `.bench` only: which city of a bench region (0 = Baoding; 1…10 = another city of Hebei,
    /// with its own district codes and so its own MNs, and its own seeded data).
    public var benchCity = 0
    /// Cities a bench region can hold (Baoding and ten others).
    public static let benchCities = 11

    public init() {}

    public init(seed: UInt64 = 20260601, enterprises: Int = 176, districts: Int = 6, start: String = "2026-06-01",
                days: Int = 35, intervalMinutes: Int = 15, profile: Profile = .demo) {
        self.seed = seed
        self.enterprises = enterprises
        self.districts = districts
        self.start = start
        self.days = days
        self.intervalMinutes = intervalMinutes
        self.profile = profile
    }

    /// The city-scale bench day: 2,527 enterprises, one day of 1-minute CN 2011 packets.
    public static func bench(seed: UInt64 = 20260601, start: String = "2026-06-01") -> DemoOptions {
        DemoOptions(seed: seed, enterprises: 2527, districts: 6, start: start, days: 1, intervalMinutes: 1, profile: .bench)
    }
}

/// One file written (path relative to the output directory).
public struct DemoFile: Sendable, Equatable {
    public var path: String
    public var bytes: Int
    public var lines: Int
}

/// A count under a name (kept as an ordered list, never a dictionary, so output is stable).
public struct DemoCount: Sendable, Equatable {
    public var name: String
    public var count: Int
}

/// What was written and the counts a loader should reproduce.
///
/// Packet-log counts cover `packets/*.log` (day files and the re-send file):
/// - `packetLines`: every line; `dataPackets`: valid data packets (CN 2011/2051/2061) from
///   registered MNs, counting duplicate copies, re-sent packets, each part of a split packet and
///   bare segments; `badCRC`/`badLength`: rejected lines (SPEC §13.1); `responses`: CN 9014 lines;
///   `unknownMNPackets`: valid packets from MNs not in the registry.
/// - `values`: `CODE-PARAM=VALUE` fields other than `-Flag` (Pt/P, Ept, RS, Rtd, Avg…) in the
///   data packets, including `unknownCodeValues` (codes not in the registry).
/// - `duplicatePackets`: byte-identical repeats; `duplicateReadings`: readings loaded again with
///   the same value (repeats and unchanged re-sent values); `conflictReadings`: readings re-sent
///   with a different value (SPEC §3.3, §13.4).
public struct DemoManifest: Sendable {
    public var directory: URL
    public var profile: DemoOptions.Profile
    /// First instant, `YYYY-MM-DD 00:00:00`.
    public var periodStart: String
    /// End, exclusive, `YYYY-MM-DD 00:00:00`.
    public var periodEnd: String
    public var days: Int
    public var intervalMinutes: Int

    public var districts = 0
    public var enterprises = 0
    public var collectors = 0
    public var facilities = 0
    public var points = 0

    public var files: [DemoFile] = []
    public var bytes = 0

    public var packetLines = 0
    public var dataPackets = 0
    public var packetsByCN: [DemoCount] = []
    public var values = 0
    public var badCRC = 0
    public var badLength = 0
    public var responses = 0
    public var bareSegments = 0
    public var splitParts = 0
    public var unknownMNPackets: [DemoCount] = []
    public var unknownCodeValues = 0
    public var duplicatePackets = 0
    public var duplicateReadings = 0
    public var conflictReadings = 0
    public var clockPackets = 0

    /// Rows in `readings/*.csv` (header excluded).
    public var csvReadingRows = 0
    /// Ground-truth rows by kind (`event`, `no_event`, `dq`, `load`).
    public var groundTruth: [DemoCount] = []

    public var unknownMNPacketTotal: Int { unknownMNPackets.reduce(0) { $0 + $1.count } }
}
