import HJ212

/// The deterministic demo city generator (filled by the foundation issue's demo work).
public enum DemoCityModule {}
