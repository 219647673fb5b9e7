/// The treatment process of a treatment facility (SPEC §2 `facilities.csv` `process`).
public enum TreatmentProcess: String, RegistryChoice {
    /// Regenerative thermal oxidiser (蓄热式焚烧).
    case rto = "RTO"
    /// Regenerative catalytic oxidiser (蓄热式催化燃烧).
    case rco = "RCO"
    /// Catalytic oxidation (催化燃烧).
    case co = "CO"
    /// Activated carbon adsorption (活性炭吸附).
    case ac = "AC"
    /// Activated carbon adsorption with catalytic desorption (活性炭吸附 + 催化燃烧).
    case acCO = "AC+CO"
    /// UV photolysis (UV 光氧).
    case uv = "UV"
    /// Spray / wet scrubbing (喷淋).
    case spray = "SPRAY"
    /// Membrane separation (膜分离).
    case membrane = "MEMBRANE"
    /// Integrated unit (一体机).
    case integrated = "INTEGRATED"
    /// Bag filter (布袋除尘).
    case bag = "BAG"
    case other = "OTHER"

    /// Whether the process uses activated carbon, so replacements (`carbon.csv`) and the
    /// carbon limits apply (SPEC §2, §9.4).
    public var usesActivatedCarbon: Bool { self == .ac || self == .acCO }
}
