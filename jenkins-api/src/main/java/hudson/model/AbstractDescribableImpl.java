package hudson.model;

/** Deprecated upstream in favour of Describable's default getDescriptor(), but still Step's real superclass. */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    public AbstractDescribableImpl() {
    }
}
