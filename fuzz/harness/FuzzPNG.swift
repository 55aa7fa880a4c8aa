// libFuzzer entry point for the PNG reader (PNGCodec + the libpng shim).
// Built by scripts/fuzz together with Sources/UnshredKit/ImageIO/*.swift.
//
// Each input is decoded twice: as it is, and with every chunk CRC recomputed,
// so that mutations get past the CRC check and reach libpng and the decoder.
// Any error other than ImageError, any trap, any sanitizer report is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    FuzzCheck.decode(bytes, path: "fuzz.png") { try PNGCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    FuzzCheck.decode(FuzzCheck.fixingCRCs(bytes), path: "fuzz.png") { try PNGCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    return 0
}
