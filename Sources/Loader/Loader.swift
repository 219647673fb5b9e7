import PEMSCore
import HJ212

/// Registry import and HJ 212 / CSV loading (SPEC §2, §3).
public enum LoaderModule {}
