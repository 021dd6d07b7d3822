/// The version of ctxbench, written into every file it produces.
public enum CtxbenchVersion {
    public static let string = "0.1.0"
}
