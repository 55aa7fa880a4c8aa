// libFuzzer entry point for the PNG reader (PNGCodec + the libpng shim).
// Built by scripts/fuzz together with Sources/UnshredKit/ImageIO/*.swift.
//
// Each input is decoded as it is, and with every chunk CRC recomputed (so that
// mutations get past the CRC check and reach libpng and the decoder), the latter
// both to gray and with colour and opacity (PNGCodec.decodeImage).
// Any error other than ImageError, any trap, any sanitizer report is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    FuzzCheck.decode(bytes, path: "fuzz.png") { try PNGCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    let fixed = FuzzCheck.fixingCRCs(bytes)
    FuzzCheck.decode(fixed, path: "fuzz.png") { try PNGCodec.decode($0, path: $1, limits: FuzzCheck.limits) }
    // With colour and opacity kept too (decoded again in the RGB and gray+alpha layouts).
    FuzzCheck.decode(fixed, path: "fuzz.png") { try FuzzCheck.checked(PNGCodec.decodeImage($0, path: $1, limits: FuzzCheck.limits)) }
    return 0
}
