import Foundation

/// What a scanner does to a page: blurs it a little and adds sensor noise.
enum ImageFilters {
    /// Gaussian blur with standard deviation `sigma` pixels (separable; the kernel
    /// reaches 3 sigma; beyond the page edge the edge pixel repeats).
    static func gaussianBlur(_ image: GrayImage, sigma: Double) -> GrayImage {
        guard sigma > 0, image.width > 0, image.height > 0 else { return image }
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let w = image.width, h = image.height
        var horizontal = [Float](repeating: 0, count: w * h)
        image.pixels.withUnsafeBufferPointer { src in
            horizontal.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let row = y * w
                    for x in 0..<w {
                        var sum: Float = 0
                        for k in -radius...radius {
                            let xx = min(w - 1, max(0, x + k))
                            sum += kernel[k + radius] * Float(src[row + xx])
                        }
                        dst[row + x] = sum
                    }
                }
            }
        }
        var out = [UInt8](repeating: 0, count: w * h)
        horizontal.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w {
                        var sum: Float = 0
                        for k in -radius...radius {
                            let yy = min(h - 1, max(0, y + k))
                            sum += kernel[k + radius] * src[yy * w + x]
                        }
                        dst[y * w + x] = UInt8(min(255, max(0, sum.rounded())))
                    }
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// Adds gaussian noise of standard deviation `sigma` to every pixel, rounded
    /// and clamped to 0...255. The generator fixes the result.
    static func addNoise<R: RandomNumberGenerator>(_ image: GrayImage, sigma: Double, using rng: inout R) -> GrayImage {
        guard sigma > 0 else { return image }
        var pixels = image.pixels
        var spare: Double? = nil
        for i in pixels.indices {
            let z: Double
            if let s = spare {
                z = s
                spare = nil
            } else {
                // Box-Muller: two uniforms give two independent standard normals.
                let u1 = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992 // (0, 1)
                let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992
                let r = (-2 * log(u1)).squareRoot()
                z = r * cos(2 * Double.pi * u2)
                spare = r * sin(2 * Double.pi * u2)
            }
            let v = (Double(pixels[i]) + sigma * z).rounded()
            pixels[i] = UInt8(min(255, max(0, v)))
        }
        return GrayImage(width: image.width, height: image.height, pixels: pixels)
    }
}
