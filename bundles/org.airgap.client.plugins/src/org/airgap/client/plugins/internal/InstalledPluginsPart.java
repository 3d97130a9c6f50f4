package org.airgap.client.plugins.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.plugins.internal.PluginInventory.BundleRow;
import org.airgap.client.plugins.internal.PluginInventory.ComponentRow;
import org.airgap.client.plugins.internal.PluginInventory.DriverRow;
import org.airgap.update.InstalledFeature;
import org.airgap.update.SoftwareUpdates;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;

/**
 * Installed plugins: the installed features, the device drivers with their parameters, the bundles with
 * their state, and the DS components each bundle provides. A vendor checks here that a driver bundle resolved and its component is active;
 * the view follows bundles and services as they come and go.
 */
public class InstalledPluginsPart {

    @Inject
    private UISynchronize sync;

    private SoftwareUpdates updates;
    private final BundleContext context = FrameworkUtil.getBundle(InstalledPluginsPart.class).getBundleContext();
    private TableViewer features;
    private TableViewer drivers;
    private Label driversTitle;
    private TreeViewer bundles;
    private Label featuresTitle;
    private Text filter;
    private volatile boolean refreshQueued;

    private final BundleListener bundleListener = event -> queueRefresh();
    private final ServiceListener serviceListener = event -> queueRefresh();

    @Inject
    void updates(@Optional @Service SoftwareUpdates updates) {
        this.updates = updates;
        if (bundles != null) {
            queueRefresh();
        }
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(1).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        filter = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter bundles and components");
        filter.setData(TEST_ID, "plugins.filter");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        Button refresh = new Button(bar, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.addListener(SWT.Selection, e -> refresh());

        createFeatures(parent);
        createDrivers(parent);
        createBundles(parent);

        filter.addListener(SWT.Modify, e -> bundles.refresh());
        context.addBundleListener(bundleListener);
        context.addServiceListener(serviceListener);
        refresh();
    }

    private void createFeatures(Composite parent) {
        featuresTitle = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(featuresTitle);
        features = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        features.getTable().setHeaderVisible(true);
        features.getTable().setData(TEST_ID, "plugins.features");
        // A product has a handful of features: show four rows without scrolling, give the rest to bundles.
        int rows = 4 * features.getTable().getItemHeight() + features.getTable().getHeaderHeight();
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, rows).applyTo(features.getControl());
        column(features, "Feature", 260, f -> ((InstalledFeature) f).name());
        column(features, "Version", 200, f -> ((InstalledFeature) f).version());
        column(features, "Id", 300, f -> ((InstalledFeature) f).id());
        features.setContentProvider(ArrayContentProvider.getInstance());
    }

    private void createDrivers(Composite parent) {
        driversTitle = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(driversTitle);
        drivers = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        drivers.getTable().setHeaderVisible(true);
        drivers.getTable().setData(TEST_ID, "plugins.drivers");
        int rows = 4 * drivers.getTable().getItemHeight() + drivers.getTable().getHeaderHeight();
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, rows).applyTo(drivers.getControl());
        column(drivers, "Driver", 120, d -> ((DriverRow) d).id());
        column(drivers, "Name", 180, d -> ((DriverRow) d).name());
        column(drivers, "Vendor", 110, d -> ((DriverRow) d).vendor());
        column(drivers, "Bundle", 260, d -> ((DriverRow) d).bundle());
        column(drivers, "Parameters (* required)", 520, d -> ((DriverRow) d).parameters());
        drivers.setContentProvider(ArrayContentProvider.getInstance());
    }

    private void createBundles(Composite parent) {
        new Label(parent, SWT.NONE).setText("Bundles and their Declarative Services components:");
        bundles = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        bundles.getTree().setHeaderVisible(true);
        bundles.getTree().setData(TEST_ID, "plugins.bundles");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(bundles.getControl());
        column(bundles, "Bundle / component", 380, row -> row instanceof BundleRow b ? b.symbolicName()
                : ((ComponentRow) row).name());
        column(bundles, "Version", 190, row -> row instanceof BundleRow b ? b.version() : "");
        column(bundles, "State", 150, row -> row instanceof BundleRow b ? b.state() : ((ComponentRow) row).state());
        column(bundles, "Services provided / name", 420, row -> row instanceof BundleRow b
                ? (b.name() == null ? "" : b.name())
                : String.join(", ", ((ComponentRow) row).services()));
        bundles.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return parent instanceof BundleRow b ? b.components().toArray() : new Object[0];
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return element instanceof BundleRow b && !b.components().isEmpty();
            }
        });
        // Rows are rebuilt on every refresh: compare them by name so expanded bundles stay expanded.
        bundles.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return key(a).equals(key(b));
            }

            @Override
            public int hashCode(Object element) {
                return key(element).hashCode();
            }

            private String key(Object row) {
                if (row instanceof BundleRow b) {
                    return "bundle:" + b.symbolicName() + "_" + b.version();
                }
                // The viewer compares its input (the list) too.
                return row instanceof ComponentRow c ? "component:" + c.name() : "object:" + System.identityHashCode(row);
            }
        });
        bundles.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parent, Object element) {
                String text = filter.getText().trim().toLowerCase(Locale.ROOT);
                if (text.isEmpty()) {
                    return true;
                }
                if (element instanceof BundleRow b) {
                    return b.symbolicName().toLowerCase(Locale.ROOT).contains(text) || b.components().stream()
                            .anyMatch(c -> matches(c, text));
                }
                return parent instanceof BundleRow b && b.symbolicName().toLowerCase(Locale.ROOT).contains(text)
                        || matches((ComponentRow) element, text);
            }

            private boolean matches(ComponentRow component, String text) {
                return component.name().toLowerCase(Locale.ROOT).contains(text)
                        || component.services().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(text));
            }
        });
    }

    private static void column(TableViewer viewer, String title, int width, Function<Object, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels(text));
    }

    private static void column(TreeViewer viewer, String title, int width, Function<Object, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels(text));
    }

    private static ColumnLabelProvider labels(Function<Object, String> text) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        };
    }

    /** Coalesces bursts of bundle and service events (a feature starting) into one refresh. */
    private void queueRefresh() {
        if (refreshQueued) {
            return;
        }
        refreshQueued = true;
        sync.asyncExec(() -> {
            refreshQueued = false;
            if (!bundles.getControl().isDisposed()) {
                refresh();
            }
        });
    }

    private void refresh() {
        if (updates != null && updates.isManaged()) {
            List<InstalledFeature> installed = updates.installedFeatures();
            featuresTitle.setText("Installed features (" + installed.size() + "):");
            features.setInput(installed);
        } else {
            featuresTitle.setText("Installed features: not recorded (this runtime was not installed by p2)");
            features.setInput(List.of());
        }
        List<DriverRow> installedDrivers = PluginInventory.drivers(context);
        driversTitle.setText("Device drivers (" + installedDrivers.size() + "):");
        drivers.setInput(installedDrivers);
        Object[] expanded = bundles.getExpandedElements();
        bundles.setInput(PluginInventory.read(context));
        bundles.setExpandedElements(expanded);
        featuresTitle.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        filter.setFocus();
    }

    @PreDestroy
    public void dispose() {
        context.removeBundleListener(bundleListener);
        context.removeServiceListener(serviceListener);
    }
}
