import Foundation
import ExactArithmetic
import ExactLinearAlgebra
import TheoremChecks
import Tatonnement
import EconomyFormat
public import WalrasPlots

extension AuditReport {
    /// The contraction verdict as a picture: the Banach orbits' distances
    /// with the line `Lᵗ·d₀`, or the failing orbit and its distances.
    /// `nil` when the verdict has no orbit to show.
    public func convergencePicture() -> ConvergencePicture? {
        guard let v = contraction else { return nil }
        func display(_ x: Vector) -> [Double] { x.entries.map(\.displayDouble) }
        if let c = v.certificate, !v.orbits.isEmpty {
            let distances = v.orbits.map { $0.squaredDistancesToAnchor.map { $0.displayDouble.squareRoot() } }
            return ConvergencePicture(
                title: "Tâtonnement of \(economy.name): a certified contraction",
                caption: "η = \(v.step), L = \(c.modulus) ≈ \(String(format: "%.4f", c.modulus.displayDouble)); "
                    + "\(v.orbits.count) orbits, every step checked against Banach's bounds",
                distances: distances, modulus: c.modulus.displayDouble,
                initialDistance: distances.compactMap(\.first).max(), commodities: economy.commodities)
        }
        if let o = v.divergentOrbit {
            return ConvergencePicture(
                title: "Tâtonnement of \(economy.name): not a contraction",
                caption: "η = \(v.step); the orbit " + (o.neverApproaches ? "never gets closer to p*" : "does not converge to p* here"),
                distances: [o.squaredDistances.map { $0.displayDouble.squareRoot() }],
                simplexOrbit: o.iterates.map(display), equilibrium: display(o.anchor), commodities: economy.commodities)
        }
        return nil
    }
}

extension Auditor {
    /// `walras plot convergence`: audits the file (the picture shows the
    /// audit's `contraction` verdict) and writes the SVG to `out`.
    public static func plotConvergence(path: String, out: String, options: AuditOptions = AuditOptions())
        -> (output: String, exitCode: ExitCode)
    {
        let document: EconomyDocument
        do {
            document = try load(path: path)
        } catch {
            return ("rejected: \(error)\n", .rejected)
        }
        let report = audit(document, file: path, options: options)
        guard let picture = report.convergencePicture(), let v = report.contraction else {
            return ("undecided: no orbit to draw: \(report.contraction?.reason ?? report.notRun[.contraction] ?? "")\n", .undecided)
        }
        do {
            try convergenceSVG(picture).write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            return ("rejected: \(out): expected a writable file, found \(error.localizedDescription)\n", .rejected)
        }
        return ("wrote \(out): contraction verdict \(v.statusWord), \(picture.distances.count) orbit(s)\n",
                ExitCode(rawValue: exitStatus(of: [v.outcome]))!)
    }
}
