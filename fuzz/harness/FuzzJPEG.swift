// libFuzzer entry point for the JPEG reader (JPEGCodec + the libjpeg shim).
// Built by scripts/fuzz together with Sources/UnshredKit/ImageIO/*.swift.
// Inputs not starting with a JPEG signature (FF D8 FF) get it prepended, so every
// input reaches libjpeg's marker parser.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    FuzzCheck.decode(bytes, path: "fuzz.jpg") { try FuzzCheck.checked(JPEGCodec.decode($0, path: $1, limits: FuzzCheck.limits)) }
    if !JPEGCodec.hasSignature(bytes) {
        bytes.insert(contentsOf: [0xFF, 0xD8, 0xFF], at: 0)
        FuzzCheck.decode(bytes, path: "fuzz.jpg") { try FuzzCheck.checked(JPEGCodec.decode($0, path: $1, limits: FuzzCheck.limits)) }
    }
    return 0
}
