// swift-tools-version:6.0
// pems — power and process monitoring (工况用电监控) analytics for city environment bureaus.
//
// Data flows one way: Loader → store (PEMSCore) → Baselines → Accounting → Reports/Charts,
// driven by the `pems` executable (Jobs). A module never imports one further down the chain.
import PackageDescription

let package = Package(
    name: "pems",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pems", targets: ["pems"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // Delivery to the province (`pems push`, seed 003 附件3): HTTPS POST with NIOSSL's TLS.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries (installed by Jobs/setup; see NOTES.md "Linking C libraries").
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        // Text shaping and per-glyph font fallback for the charts (HarfBuzz, fontconfig).
        .systemLibrary(name: "CPango", path: "Sources/CPango", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev"])]),

        // The HJ 212 protocol: framing, CRC, packet and CP parsing. Pure, no store.
        .target(name: "HJ212"),
        // Domain model, time, settings, and the SQLite store.
        .target(name: "PEMSCore", dependencies: [
            "CSQLite",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // Registry import and time-series loading (SPEC §2, §3).
        .target(name: "Loader", dependencies: ["PEMSCore", "HJ212"]),
        // Five-day baselines, thresholds, states (SPEC §5, §6).
        .target(name: "Baselines", dependencies: ["PEMSCore"]),
        // Rates, emissions, reductions, allocation, rankings (SPEC §9).
        .target(name: "Accounting", dependencies: ["PEMSCore", "Baselines"]),
        // Excel workbooks and the provincial JSON (SPEC §10).
        .target(name: "Reports", dependencies: ["PEMSCore", "Accounting", "HJ212", "CXlsxWriter"]),
        // PNG/PDF charts and the leadership brief (SPEC §10). The enterprise file's PDF draws the
        // figures its workbook shows (`Reports.DossierData`), so both say the same.
        .target(name: "Charts", dependencies: ["PEMSCore", "Baselines", "Accounting", "Reports", "CCairo", "CPango"]),
        // The jobs (SPEC §11): nightly, weekly, monthly and rerun plans, staged outputs, the
        // run ledger entries, late-data detection, the push of a day's provincial JSON (HTTP
        // client). Drives the modules above; none imports it.
        .target(name: "JobRunner", dependencies: [
            "HJ212", "PEMSCore", "Loader", "Baselines", "Accounting", "Reports", "Charts",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // `pems receive` (issue 19): the HJ 212 TCP server data collectors send to, on SwiftNIO.
        // It writes packet logs into the inbox and never opens the store.
        .target(name: "Receiver", dependencies: [
            "HJ212", "PEMSCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The deterministic demo city: registry, packets, ground truth.
        .target(name: "DemoCity", dependencies: ["HJ212", "PEMSCore"]),
        // The command-line tool. Its `EngineBuild.fingerprint`, generated at build time, keys the
        // reuse of stored results (EngineFingerprint below).
        .executableTarget(name: "pems", dependencies: [
            "PEMSCore", "HJ212", "Loader", "Baselines", "Accounting", "Reports", "Charts", "DemoCity", "JobRunner", "EngineFingerprint",
            "Receiver",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], plugins: ["EngineFingerprintPlugin"]),

        // The engine fingerprint (issue 15): a SHA-256 of the sources of HJ212, PEMSCore, Loader,
        // Baselines and Accounting plus the schema version, made at build time by the plugin
        // through the `engine-fingerprint` tool; the pure hashing function is its own target so
        // the tool and the tests share it. No dependencies: a plugin's tool is built in a build
        // of its own, where swift-crypto would compile BoringSSL a second time.
        .target(name: "EngineFingerprint"),
        .executableTarget(name: "engine-fingerprint", dependencies: ["EngineFingerprint"]),
        .plugin(name: "EngineFingerprintPlugin", capability: .buildTool(), dependencies: ["engine-fingerprint"]),

        // Fuzz targets (docs/FUZZING.md): built by Jobs/fuzz with -sanitize=fuzzer,address and
        // -DPEMS_FUZZING they are libFuzzer executables; in this build they replay the committed
        // corpus and crash inputs (Jobs/fuzz --replay, run by Jobs/test).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Fuzz/Support"),
        .target(name: "LoaderFuzzing", dependencies: ["FuzzSupport", "Loader", "PEMSCore"], path: "Fuzz/LoaderFuzzing"),
        .executableTarget(name: "fuzz-packets", dependencies: ["FuzzSupport", "HJ212"], path: "Fuzz/packets"),
        .executableTarget(name: "fuzz-packet-log", dependencies: ["LoaderFuzzing", "FuzzSupport"], path: "Fuzz/packet-log"),
        .executableTarget(name: "fuzz-readings", dependencies: ["LoaderFuzzing", "FuzzSupport"], path: "Fuzz/readings"),
        .executableTarget(name: "fuzz-registry", dependencies: ["FuzzSupport", "PEMSCore"], path: "Fuzz/registry"),

        // Helpers every test target shares (paths into ../shared/, store file snapshots).
        .target(name: "TestSupport", dependencies: ["PEMSCore", "Loader", "Accounting", "DemoCity"], path: "Tests/TestSupport"),

        .testTarget(name: "HJ212Tests", dependencies: ["HJ212", "TestSupport"]),
        .testTarget(name: "PEMSCoreTests", dependencies: ["PEMSCore", "TestSupport"]),
        .testTarget(name: "LoaderTests", dependencies: ["Loader", "PEMSCore", "HJ212", "DemoCity", "TestSupport"]),
        .testTarget(name: "DemoCityTests", dependencies: ["DemoCity", "HJ212"]),
        // States, baselines, events and data quality, end to end against the conformance fixture.
        .testTarget(name: "ComputeTests", dependencies: ["Baselines", "Accounting", "Reports", "Charts", "Loader", "PEMSCore", "DemoCity",
                                                   "EngineFingerprint", "TestSupport"]),
        // Workbooks, templates and the provincial JSON, read back with openpyxl (Tests/ReportTests/read_workbook.py).
        .testTarget(name: "ReportTests", dependencies: ["Reports", "Accounting", "Baselines", "Loader", "PEMSCore", "DemoCity", "HJ212", "TestSupport",
                                                  "Charts", "JobRunner"],
                    exclude: ["read_workbook.py"]),
        // Job plans, staged outputs, late data, and nightly/rerun determinism on the demo city;
        // the push to the province against a scripted HTTP server on 127.0.0.1 (NIOHTTP1).
        .testTarget(name: "JobRunnerTests", dependencies: ["JobRunner", "Charts", "Reports", "Accounting", "Loader", "PEMSCore", "DemoCity", "TestSupport",
                                                     .product(name: "NIOCore", package: "swift-nio"),
                                                     .product(name: "NIOPosix", package: "swift-nio"),
                                                     .product(name: "NIOHTTP1", package: "swift-nio"),
                                                     .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        // `pems receive` over loopback (a plain socket client, not NIO, on the other end).
        .testTarget(name: "ReceiverTests", dependencies: ["Receiver", "HJ212", "PEMSCore",
                                                     .product(name: "Logging", package: "swift-log")]),
        // Runs the built `pems` binary end to end (exit codes, messages, help).
        .testTarget(name: "CLITests", dependencies: ["pems", "DemoCity", "HJ212", "Loader", "PEMSCore", "EngineFingerprint", "TestSupport"]),
    ]
)
