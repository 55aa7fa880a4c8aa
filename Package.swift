// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "unshred",
    products: [
        .executable(name: "unshred", targets: ["unshred"]),
        .library(name: "UnshredKit", targets: ["UnshredKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C shim — libpng's simplified API and nothing else.
        .target(
            name: "CLibPNG",
            linkerSettings: [.linkedLibrary("png16")]
        ),

        // MARK: C shim — libjpeg(-turbo)'s decompressor; its longjmp stays in the C file.
        .target(
            name: "CLibJPEG",
            linkerSettings: [.linkedLibrary("jpeg")]
        ),

        // MARK: Core library — all logic; never prints, never reads stdin.
        .target(
            name: "UnshredKit",
            dependencies: ["CLibPNG", "CLibJPEG"]
        ),

        // MARK: Command-line front end — one file per subcommand.
        .executableTarget(
            name: "unshred",
            dependencies: [
                "UnshredKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests — mirror the library folders; end-to-end through the binary.
        .testTarget(name: "UnshredKitTests", dependencies: ["UnshredKit"]),
        .testTarget(name: "unshredTests", dependencies: ["unshred"]),
    ]
)
