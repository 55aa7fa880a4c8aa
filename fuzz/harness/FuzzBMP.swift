// libFuzzer entry point for the BMP reader (BMPCodec).
// Built by scripts/fuzz together with Sources/UnshredKit/ImageIO/*.swift.
// Inputs not starting with "BM" get it prepended, so every input reaches the parser.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBMP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    FuzzCheck.decode(bytes, path: "fuzz.bmp") { try BMPCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    if !BMPCodec.hasSignature(bytes) {
        bytes.insert(contentsOf: [0x42, 0x4D], at: 0)
        FuzzCheck.decode(bytes, path: "fuzz.bmp") { try BMPCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    }
    return 0
}
